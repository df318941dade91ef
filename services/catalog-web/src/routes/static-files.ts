import fastifyStatic from '@fastify/static';
import { HttpProblem } from '@mystore/catalog-rules';
import type { ServiceInstance } from '@mystore/service-kernel';
import { Type } from 'typebox';
import { ASSETS_DIR, IMAGES_DIR } from '../assets/manifest.js';
import type { StorefrontOptions } from './options.js';

/** Product images have stable names (the seed's `image_url`s): cached for a day, then revalidated. */
const IMAGE_MAX_AGE = '1d';

/**
 * `/assets/<name>.<fingerprint>.<ext>`: stylesheet and icons, cached as immutable for a year (a changed
 * file has a new name). `/images/…`: the product images the seed catalog refers to.
 */
export async function staticFileRoutes(app: ServiceInstance, { assets }: StorefrontOptions): Promise<void> {
  await app.register(fastifyStatic, { root: ASSETS_DIR, serve: false });
  await app.register(fastifyStatic, {
    root: IMAGES_DIR,
    prefix: '/images/',
    decorateReply: false,
    maxAge: IMAGE_MAX_AGE,
    immutable: false,
    index: false,
  });
  app.get(
    '/assets/:file',
    { schema: { params: Type.Object({ file: Type.String({ maxLength: 200 }) }) } },
    async (request, reply) => {
      const file = assets.fileOf(request.params.file);
      if (!file) throw new HttpProblem(404, 'no such asset');
      return reply.sendFile(file, { maxAge: '365d', immutable: true });
    },
  );
}
