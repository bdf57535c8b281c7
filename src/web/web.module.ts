import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ProgrammesModule } from '../programmes/programmes.module';
import { HomeController } from './home.controller';
import { LoginController } from './login.controller';

/** The pages. Plugins (templates, cookies, /assets) are registered by registerWebPlugins in createApp. */
@Module({
  imports: [AuthModule, ProgrammesModule],
  controllers: [LoginController, HomeController],
})
export class WebModule {}
