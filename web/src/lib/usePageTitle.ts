import { useEffect } from 'react';

/** Set the document title so screen-reader users and tabs know the page. */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Atlas SPBE` : 'Atlas SPBE';
  }, [title]);
}
