/** The client-side check of the "give access" email, before anything is sent. */
export function emailProblem(value: string): string | null {
  const email = value.trim();
  if (!email) return 'Enter the email of a researcher account';
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return 'Not an email address';
  return null;
}
