/** What `validate` should warn about in the secrets settings (pure; the lead prints these on stderr). */
export function secretsWarnings(cfg: { mask_secrets: 'fingerprint' | 'constant' | false }): string[] {
  if (cfg.mask_secrets === false) {
    return ['mask_secrets: false stores passwords, keys and communities in clear text in the store (every clone of it has them)'];
  }
  if (cfg.mask_secrets === 'constant') {
    return ['mask_secrets: constant hides secrets as <masked>: a changed password, key or community is not drift'];
  }
  return [];
}
