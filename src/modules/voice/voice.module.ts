import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../config/app-config.js';
import { SessionEntity } from '../sessions/session.entity.js';
import { TwilioAdapter } from './twilio.adapter.js';
import { VoiceController } from './voice.controller.js';
import { VoiceService } from './voice.service.js';

/** Voice settings for the gateway (WebRTC, ICE servers) and Twilio Video tokens when configured. */
@Module({
  imports: [TypeOrmModule.forFeature([SessionEntity])],
  controllers: [VoiceController],
  providers: [
    {
      provide: TwilioAdapter,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new TwilioAdapter(config.voice.twilio),
    },
    VoiceService,
  ],
  exports: [VoiceService],
})
export class VoiceModule {}
