import './lib/theme/apply-initial-theme';
import './styles/tokens.css';
import './styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

async function startMockApi() {
  // Offline demo (`npm run dev:mock`): a dynamic import keeps MSW out of the production entry.
  if (import.meta.env.VITE_MOCKS !== '1') return;
  const { worker } = await import('../mocks/browser');
  await worker.start({ onUnhandledRequest: 'bypass', quiet: true });
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

void startMockApi().then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
