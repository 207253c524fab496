import { useId, useState } from 'react';
import { CONTROL_CLASS } from '../../../components/field';
import { CloseIcon } from '../../../components/icons';

/**
 * A search field kept in step with a URL value: typing updates the URL (as
 * the user types, spaces and all); a new URL value (Back, a link) replaces
 * the text.
 */
export function SearchBox({ label, value, onChange }: { label: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if (text.trim() !== value) setText(value);
  }
  const update = (next: string) => {
    setText(next);
    onChange(next.trim());
  };
  return (
    <div className="relative w-full sm:w-56">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="pointer-events-none absolute top-1/2 left-2.5 size-3.5 -translate-y-1/2 text-subtle"
        fill="none"
        stroke="currentColor"
        strokeWidth={2}
        strokeLinecap="round"
      >
        <circle cx="11" cy="11" r="6.5" />
        <path d="m20 20-4.2-4.2" />
      </svg>
      <input
        id={id}
        type="search"
        value={text}
        placeholder={label}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => update(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && text) {
            event.preventDefault();
            update('');
          }
        }}
        className={`${CONTROL_CLASS} pr-7 pl-8 font-normal [&::-webkit-search-cancel-button]:hidden`}
      />
      {text && (
        <button
          type="button"
          onClick={() => update('')}
          className="absolute top-1/2 right-1.5 -translate-y-1/2 rounded p-0.5 text-muted hover:text-foreground"
        >
          <CloseIcon size={13} />
          <span className="sr-only">Clear search</span>
        </button>
      )}
    </div>
  );
}
