import type { CatalogReader } from '../catalog-reader.js';

export interface CatalogRoutesOptions {
  readonly reader: CatalogReader;
  readonly currency: string;
  readonly assetBase: URL;
  readonly cacheControl: string;
  /** The ETag of a response at a catalog version (see `versionEtags`). */
  readonly etagFor: (version: number) => string;
}
