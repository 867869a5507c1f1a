import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ParticipantEntity } from '../participants/participant.entity.js';
import { StudiesController } from './studies.controller.js';
import { StudiesService } from './studies.service.js';
import { RomEntity } from '../roms/rom.entity.js';
import { StudyMemberEntity } from './study-member.entity.js';
import { StudyEntity } from './study.entity.js';
import { ResearcherEntity } from '../participants/researcher.entity.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      StudyEntity,
      StudyMemberEntity,
      ParticipantEntity,
      RomEntity,
      ResearcherEntity,
    ]),
  ],
  controllers: [StudiesController],
  providers: [StudiesService],
  exports: [StudiesService],
})
export class StudiesModule {}
