#!/usr/bin/env node
// `npx segue …`: runs the TypeScript CLI straight from the sources (tsx), no build step by hand.
import { register } from 'tsx/esm/api'

register()
await import('../src-main/cli/main.ts')
