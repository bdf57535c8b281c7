import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { LoginController } from './login.controller';

/** The pages. Plugins (templates, cookies, /assets) are registered by registerWebPlugins in createApp. */
@Module({
  imports: [AuthModule],
  controllers: [LoginController],
})
export class WebModule {}
