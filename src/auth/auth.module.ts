import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module';
import { AuthGuard } from './auth.guard';
import { BearerBackOff } from './bearer-back-off';
import { OidcService } from './oidc.service';
import { SessionService } from './session.service';
import { SignInService } from './sign-in.service';
import { TokenService } from './token.service';
import { TokensController } from './tokens.controller';

@Module({
  imports: [AuditModule],
  controllers: [TokensController],
  providers: [
    BearerBackOff,
    TokenService,
    SessionService,
    SignInService,
    OidcService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenService, SessionService, SignInService, OidcService],
})
export class AuthModule {}
