'use client';

import { useEffect, useRef, useState } from 'react';

export interface UrlText {
  text: string;
  /** Typing: show it at once and write it to the URL (replace: keystrokes are no Back steps). */
  onChange: (text: string) => void;
  /** Show `text` when the caller writes the URL itself (together with other params, or with push). */
  show: (text: string) => void;
}

/**
 * A text box backed by a URL param. It keeps its own text (a controlled input can't wait for the
 * router to echo the URL back) and follows the URL only when the URL changes from elsewhere: Back,
 * a pasted link.
 */
export function useUrlText(urlValue: string, write: (text: string) => void): UrlText {
  const [text, setText] = useState(urlValue);
  const written = useRef(urlValue);
  useEffect(() => {
    if (urlValue !== written.current) {
      written.current = urlValue;
      setText(urlValue);
    }
  }, [urlValue]);
  const show = (t: string) => {
    setText(t);
    // A blank box is no param at all: that is what the URL will echo.
    written.current = t.trim() === '' ? '' : t;
  };
  return {
    text,
    show,
    onChange: (t) => {
      show(t);
      write(t);
    },
  };
}
