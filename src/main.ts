import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { ConfigError, loadConfig, shouldSeedDemo } from './core/config/app-config';
import { TokenService } from './auth/token.service';
import { DemoSeedService } from './demo/demo-seed.service';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nEvery setting is described in docs/configuration.md.\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await createApp(config);
  const firstAdminToken = await app.get(TokenService).bootstrap();
  if (shouldSeedDemo(config)) await app.get(DemoSeedService).seedIfEmpty();
  await app.listen({ port: config.port, host: '0.0.0.0' });
  const address = config.publicUrl.replace(/\/$/, '');
  const logger = new Logger('Main');
  logger.log(`listening on port ${config.port}; open ${address}/`);
  if (firstAdminToken) {
    // Printed once, to the terminal only: it is not kept anywhere in readable form.
    process.stdout.write(
      `\nFirst start: an admin token was created. Keep it now; it will not be shown again.\n` +
        `  token:   ${firstAdminToken}\n  sign in: ${address}/login\n\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
