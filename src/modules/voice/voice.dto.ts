import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class VoiceTokenRequestDto {
  @ApiProperty({ format: 'uuid', description: 'The session whose voice room to join' })
  @IsUUID('all', { message: 'sessionId must be a UUID' })
  sessionId: string;
}

/** `POST /api/voice/token`: a Twilio Video access token for the session's room. */
export class VoiceTokenResponse {
  @ApiProperty({ description: 'Twilio Video access token (JWT)' })
  token: string;

  @ApiProperty({ description: 'The Twilio room name: the session id' })
  room: string;

  @ApiProperty({ description: "The participant's ID (e.g. T0007), their identity in the room" })
  identity: string;

  @ApiProperty({ format: 'date-time', description: 'When the token expires' })
  expiresAt: string;
}
