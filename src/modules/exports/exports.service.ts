import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Response } from 'express';
import { finished } from 'node:stream/promises';
import type { Repository } from 'typeorm';
import type { ResearcherPrincipal } from '../participants/auth.types.js';
import { ResearcherEntity } from '../participants/researcher.entity.js';
import { contentDisposition } from '../storage/http-headers.js';
import { archiveFileName } from './export-names.js';
import { type ExportPlan, plannedFileCount } from './export-plan.js';
import { ExportWriter } from './export-writer.service.js';
import { ZipEntryWriter } from './zip-entry-writer.js';

/** Header with the number of ZIP entries planned (the total size is not known upfront). */
export const EXPORT_FILES_HEADER = 'X-Export-Files';

/** Sends a planned export as a streamed ZIP download. */
@Injectable()
export class ExportsService {
  private readonly logger = new Logger(ExportsService.name);

  constructor(
    private readonly writer: ExportWriter,
    @InjectRepository(ResearcherEntity) private readonly researchers: Repository<ResearcherEntity>,
  ) {}

  /**
   * Answers 200 with the headers, then streams the ZIP. From here on nothing throws: a failed
   * entry is listed in the ZIP's `errors.txt`; a client that goes away stops the export; an
   * archive that cannot be finished cuts the connection (so it never looks complete).
   */
  async send(principal: ResearcherPrincipal, plan: ExportPlan, res: Response): Promise<void> {
    const createdAt = new Date();
    const researcher = await this.researchers.findOne({
      where: { id: principal.id },
      select: { id: true, email: true },
    });
    const name = archiveFileName(
      plan.scope,
      { studySlug: plan.studySlug, sessions: plan.sessions.length },
      createdAt,
    );
    res.status(200);
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', contentDisposition(name));
    res.setHeader(EXPORT_FILES_HEADER, String(plannedFileCount(plan)));
    res.setHeader('Cache-Control', 'no-store');
    const exposed = res.getHeader('Access-Control-Expose-Headers');
    if (typeof exposed === 'string')
      res.setHeader('Access-Control-Expose-Headers', `${exposed}, ${EXPORT_FILES_HEADER}`);
    res.flushHeaders();

    const zip = new ZipEntryWriter(res, createdAt);
    const onClose = () => {
      if (!res.writableFinished) zip.abort('the client closed the connection');
    };
    res.on('close', onClose);
    try {
      const manifest = await this.writer.write(plan, zip, {
        principal,
        createdAt,
        createdBy: { id: principal.id, email: researcher?.email ?? null, role: principal.role },
      });
      await finished(res);
      this.logger.log(
        `export ${name}: ${manifest.files.length + 1} files, ${zip.bytesWritten} bytes, ` +
          `${manifest.errors.length} errors`,
      );
    } catch (error) {
      this.logger.warn(
        `export ${name} stopped: ${error instanceof Error ? error.message : String(error)}`,
      );
      zip.abort('failed');
      res.destroy();
    } finally {
      res.off('close', onClose);
    }
  }
}
