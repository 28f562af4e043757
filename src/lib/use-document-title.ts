import { useEffect } from 'react';

const PRODUCT = 'Ray History Dashboard';

/** Names the browser tab after the page, so history and screen readers say where you are. */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    document.title = title ? `${title} · ${PRODUCT}` : PRODUCT;
  }, [title]);
}
