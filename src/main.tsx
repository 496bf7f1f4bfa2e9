/**
 * Renderer entry: mounts the React app. Everything heavy (importers, search worker,
 * timeline) is loaded on demand from inside the app, so this entry stays small.
 */
// First: start-up's reads begin before React's code is evaluated (see app/boot.ts).
import './app/boot'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import './app/app.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
