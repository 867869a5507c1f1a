import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { createStorageDriver } from './storage-driver.factory.js';
import { StorageController } from './storage.controller.js';
import { STORAGE_DRIVER } from './storage.driver.js';
import { StorageService } from './storage.service.js';

/**
 * Files on local disk or S3, chosen by `AppConfig.storage`. Needs `ConfigModule.forRoot(config)`.
 * The driver is built (and its folder or bucket checked) while the app boots.
 */
@Global()
@Module({
  controllers: [StorageController],
  providers: [
    { provide: STORAGE_DRIVER, inject: [AppConfig], useFactory: createStorageDriver },
    StorageService,
  ],
  exports: [StorageService, STORAGE_DRIVER],
})
export class StorageModule {}
