import { useId, useLayoutEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import './auth.css';

/**
 * A modal card for the login; the page underneath (if any) is made inert by the caller, so
 * keyboard focus stays here. The first field or button gets focus.
 */
export function AuthDialog({
  title,
  description,
  children,
}: {
  title: string;
  description: ReactNode;
  children: ReactNode;
}) {
  const titleId = useId();
  const descriptionId = useId();
  const ref = useRef<HTMLDivElement>(null);

  // During commit, so focus is in the dialog before anyone can type elsewhere.
  useLayoutEffect(() => {
    const first = ref.current?.querySelector<HTMLElement>('input, button');
    first?.focus();
  }, []);

  return (
    <div className="auth-overlay">
      <div
        ref={ref}
        className="auth-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
      >
        <h2 id={titleId} className="auth-dialog__title">
          {title}
        </h2>
        <div id={descriptionId}>{description}</div>
        {children}
      </div>
    </div>
  );
}
