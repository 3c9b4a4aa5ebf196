import { type MouseEvent, useEffect, useRef } from 'react';

/** With JavaScript, a link of the summary also puts the focus in the field (and opens its <details>). */
function focusField(event: MouseEvent<HTMLAnchorElement>, id: string | undefined): void {
  const field = id ? document.getElementById(id) : null;
  if (!field) return;
  event.preventDefault();
  const details = field.closest('details');
  if (details) details.open = true;
  field.focus();
  field.scrollIntoView({ block: 'center' });
}

export interface SummaryError {
  /** The id of the field, or undefined when the error belongs to no field of the form. */
  fieldId: string | undefined;
  text: string;
}

/**
 * The GOV.UK error summary: at the top of the form, a list of links to each field in error.
 * It takes the focus when it appears: `autofocus` for a page rendered by the server (no
 * JavaScript), and an effect after a failed submit in the browser.
 */
export function ErrorSummary({
  title,
  intro,
  errors,
  submission,
}: {
  title: string;
  intro: string;
  errors: SummaryError[];
  /** The result of the submit that failed: a new one after every submit, the same across renders. */
  submission: unknown;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const count = errors.length;
  // Once after each failed submit, not on every render (typing elsewhere keeps its focus).
  useEffect(() => {
    if (submission !== undefined && count > 0) ref.current?.focus();
  }, [submission, count]);
  if (errors.length === 0) return null;
  return (
    <div
      ref={ref}
      className="schakel-error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabIndex={-1}
      // biome-ignore lint/a11y/noAutofocus: the GOV.UK pattern moves focus to the summary after a failed submit, also without JavaScript
      autoFocus
    >
      <h2 id="error-summary-title" className="utrecht-heading-2">
        {title}
      </h2>
      <p className="utrecht-paragraph">{intro}</p>
      <ul>
        {errors.map((error, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same text can stand for two fields
          <li key={index}>
            {error.fieldId ? (
              <a href={`#${error.fieldId}`} onClick={(event) => focusField(event, error.fieldId)}>
                {error.text}
              </a>
            ) : (
              error.text
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
