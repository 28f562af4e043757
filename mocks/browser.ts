import { setupWorker } from 'msw/browser';
import { handlers } from './handlers';

/** MSW for the offline demo (`npm run dev:mock`). */
export const worker = setupWorker(...handlers);
