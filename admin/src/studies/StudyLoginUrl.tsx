import { useRecordContext } from 'react-admin';

import { CopyableUrl } from '../common/CopyableUrl';
import type { Study } from '../types';
import { studyLoginUrl } from './studyUrls';

/** The participant login URL of the study in context, with a copy button. */
export const StudyLoginUrl = () => {
  const record = useRecordContext<Study>();
  return (
    <CopyableUrl url={record ? studyLoginUrl(record.slug) : null} copyLabel="Copy login URL" />
  );
};
