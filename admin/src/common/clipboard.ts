/**
 * Copies text to the clipboard. `navigator.clipboard` exists only in secure contexts (https or
 * localhost); a dashboard reached over plain http on a lab network falls back to a selection copy.
 */
export const copyText = async (text: string): Promise<void> => {
  if (window.isSecureContext && navigator.clipboard) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const textarea = document.createElement('textarea');
  textarea.value = text;
  textarea.setAttribute('readonly', '');
  textarea.style.position = 'fixed';
  textarea.style.opacity = '0';
  document.body.appendChild(textarea);
  try {
    textarea.select();
    // Deprecated, but the only way to copy outside a secure context.
    if (!document.execCommand('copy')) throw new Error('The browser refused to copy');
  } finally {
    textarea.remove();
  }
};
