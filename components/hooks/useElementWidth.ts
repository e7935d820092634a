'use client';

import { useLayoutEffect, useState, type RefObject } from 'react';

/** The content width of an element in CSS pixels, following resizes; 0 until measured. */
export function useElementWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const node = ref.current;
    if (!node) return;
    setWidth(node.clientWidth);
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w !== undefined) setWidth(Math.round(w));
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
