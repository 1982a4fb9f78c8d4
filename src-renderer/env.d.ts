// Types the renderer sees of its environment: .vue modules and the preload API (declared once in the contract).
/// <reference types="vite/client" />
declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

interface Window {
  segue?: import('../src-shared/contract').PreloadApi
}
