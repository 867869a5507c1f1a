import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StudiesModule } from '../studies/studies.module.js';
import { StudyEntity } from '../studies/study.entity.js';
import { RomEntity } from './rom.entity.js';
import { RomsController } from './roms.controller.js';
import { RomsService } from './roms.service.js';

/** The ROM library: uploads, the admin's list, and the bytes for participants and other modules. */
@Module({
  imports: [TypeOrmModule.forFeature([RomEntity, StudyEntity]), StudiesModule],
  controllers: [RomsController],
  providers: [RomsService],
  exports: [RomsService],
})
export class RomsModule {}
