export { BulkExportButton, type BulkExportButtonProps } from './BulkExportButton';
export { ExportProgress } from './ExportProgress';
export {
  ExportZipButton,
  type ExportZipButtonProps,
  SessionExportZipButton,
  StudyExportZipButton,
} from './ExportZipButton';
export { useZipExport } from './useZipExport';
export type { ExportScope, ExportSelection } from './zipExport';
