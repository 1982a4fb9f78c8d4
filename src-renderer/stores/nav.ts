// Which view is showing; other views ask to switch (e.g. a click on the map opens Similar songs).
import { defineStore } from 'pinia'
import { ref } from 'vue'

export type ViewName =
  | 'similar'
  | 'mixes'
  | 'library'
  | 'listening'
  | 'clusters'
  | 'quality'
  | 'training'
  | 'settings'
  | 'about'

export const useNavStore = defineStore('nav', () => {
  const current = ref<ViewName>('similar')
  function go(view: ViewName): void {
    current.value = view
  }
  return { current, go }
})
