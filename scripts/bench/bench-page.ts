/// <reference lib="dom" />
import { importBatch } from '../../src/import/import-batch'
console.log(importBatch, indexedDB)
