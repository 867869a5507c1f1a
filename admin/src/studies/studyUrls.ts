/** Where participants of a study log in: the participant app at the site root. */
export const studyLoginUrl = (slug: string, origin: string = window.location.origin): string =>
  `${origin}/?study=${encodeURIComponent(slug)}`;
