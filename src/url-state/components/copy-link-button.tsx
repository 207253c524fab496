import { useEffect, useRef, useState } from 'react';
import { BUTTON_CLASS } from '../../components/field';
import { CheckIcon, LinkIcon } from '../../components/icons';

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies text: the Clipboard API, else the old execCommand route (plain http, older browsers). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied or unavailable: try the fallback below.
  }
  try {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  } catch {
    return false;
  }
}

/** "Copy link": copies the page address (with every filter) and says so in a live region. */
export function CopyLinkButton() {
  const [state, setState] = useState<CopyState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = async () => {
    const ok = await copyText(window.location.href);
    setState(ok ? 'copied' : 'failed');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), ok ? 2500 : 6000);
  };

  return (
    <div className="flex items-center">
      <span aria-live="polite" className={`text-xs [&:not(:empty)]:mr-2 ${state === 'failed' ? 'text-danger' : 'text-success'}`}>
        {state === 'copied' && 'Link copied'}
        {state === 'failed' && 'Could not copy: copy the address bar instead'}
      </span>
      <button type="button" onClick={() => void copy()} className={BUTTON_CLASS}>
        {state === 'copied' ? <CheckIcon size={14} /> : <LinkIcon size={14} />}
        Copy link
      </button>
    </div>
  );
}
