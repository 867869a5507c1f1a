import { DateField, type DateFieldProps } from 'react-admin';

/** A timestamp shown with date and time in the researcher's locale; "—" when empty. */
export const DateTimeField = (props: DateFieldProps) => (
  <DateField showTime emptyText="—" {...props} />
);
