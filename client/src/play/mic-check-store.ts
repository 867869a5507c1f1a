/**
 * Whether this tab passed the play page's mic check (sessionStorage: per tab, kept on reload),
 * and which microphone was chosen there.
 */
export const MIC_CHECKED_KEY = 'ozlab.play.micChecked';
export const MIC_DEVICE_KEY = 'ozlab.play.micDevice';

function read(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, value);
  } catch {
    // Storage unavailable: the check is simply asked again after a reload.
  }
}

export function micChecked(): boolean {
  return read(MIC_CHECKED_KEY) !== null;
}

export function checkedDevice(): string | undefined {
  return read(MIC_DEVICE_KEY) || undefined;
}

export function rememberMicCheck(deviceId: string | undefined): void {
  write(MIC_DEVICE_KEY, deviceId ?? null);
  write(MIC_CHECKED_KEY, '1');
}

export function forgetMicCheck(): void {
  write(MIC_CHECKED_KEY, null);
}
