import type { AppConfig } from '../../config/app-config.js';
import { LocalDriver } from './local.driver.js';
import { S3Driver } from './s3.driver.js';
import type { StorageDriver } from './storage.driver.js';

/** Builds the configured driver; rejects (and so stops the boot) when it cannot be used. */
export async function createStorageDriver(config: AppConfig): Promise<StorageDriver> {
  const storage = config.storage;
  switch (storage.kind) {
    case 'local':
      return LocalDriver.create({
        dir: storage.dir,
        publicUrl: config.publicUrl,
        secret: config.auth.secret,
      });
    case 's3':
      return S3Driver.connect(storage);
  }
}
