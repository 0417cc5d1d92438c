/** Links to the review page from alerts (pure): null when no public_url is configured. */
export function driftLink(publicUrl: string | undefined | null, device: string, driftId?: number | null): string | null {
  if (!publicUrl) return null;
  const base = publicUrl.replace(/\/+$/, '');
  return `${base}/review?device=${encodeURIComponent(device)}${driftId != null ? `#drift-${driftId}` : ''}`;
}

export function deviceLink(publicUrl: string | undefined | null, device: string): string | null {
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}/devices/${encodeURIComponent(device)}` : null;
}
