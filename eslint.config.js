// Lint: TypeScript + Vue rules, and the layering rules that keep the core free of Electron and the shared code free of Node and the DOM.
import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const noElectron = {
  paths: [
    {
      name: 'electron',
      message:
        'The core and shared code never import electron: put it in src-main/index.ts, ipc/ or preload/.',
    },
  ],
  patterns: [{ group: ['electron/*'], message: 'No electron in the core.' }],
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'resources/**',
      'bench/results/**',
      'wasm/**/*.js',
      'wasm/linalg/**',
    ] /* AssemblyScript decorators: asc checks it */,
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: [
      'src-main/**/*.ts',
      'test/**/*.ts',
      'bench/**/*.ts',
      'bin/**/*.mjs',
      'scripts/**/*.mjs',
      'build/**/*.mjs',
      '*.config.ts',
      '*.config.js',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src-renderer/**/*.{ts,vue}'],
    languageOptions: { globals: globals.browser },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      // Layout is Prettier's (these two disagree with how it breaks long tags).
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
    },
  },
  {
    files: [
      'src-main/core/**/*.ts',
      'src-main/cli/**/*.ts',
      'src-main/server/**/*.ts',
      'src-shared/**/*.ts',
    ],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noElectron.paths,
          patterns: [
            ...noElectron.patterns,
            {
              group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads'],
              message: 'src-shared runs in the renderer too: no Node built-ins.',
            },
            {
              group: ['vue', 'pinia', '../src-main/*', '../src-renderer/*'],
              message: 'src-shared depends on nothing but zod.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer reaches the core only through the bridge.' },
          ],
          patterns: [
            {
              group: ['node:*', '**/src-main/core/*', '**/src-main/core/**'],
              message: 'The renderer reaches the core only through the bridge.',
            },
          ],
        },
      ],
    },
  },
  {
    // Raw IPC lives only in the two binding modules.
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/ipc/**', 'src-main/preload/**', 'src-main/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "Identifier[name='ipcMain']", message: 'Use src-main/ipc/bind.ts.' },
        { selector: "Identifier[name='ipcRenderer']", message: 'Use the preload API.' },
      ],
    },
  },
)
