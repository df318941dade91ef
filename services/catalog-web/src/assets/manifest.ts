import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The service's public files (from src/ or build/): stylesheets, icons, the seed's product images. */
export const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));
export const ASSETS_DIR = path.join(PUBLIC_DIR, 'assets');
export const IMAGES_DIR = path.join(PUBLIC_DIR, 'images');

/** URL paths of the assets pages link to, each with its content's fingerprint in the name. */
export interface AssetUrls {
  readonly stylesheet: string;
  readonly icon: string;
  readonly placeholder: string;
}

export interface AssetManifest {
  readonly urls: AssetUrls;
  /** The file behind a fingerprinted name (`site.3f2a9c1b0d.css` → `site.css`), if it is one of ours. */
  fileOf(fingerprinted: string): string | undefined;
  /** Changes whenever any asset does: part of every page's ETag. */
  readonly revision: string;
}

const LINKED: Record<keyof AssetUrls, string> = {
  stylesheet: 'site.css',
  icon: 'icon.svg',
  placeholder: 'placeholder.svg',
};

/**
 * Fingerprints every file in public/assets once, at start-up: a file's URL names its content, so it can
 * be cached for a year as immutable, and a changed file gets a new URL.
 */
export function buildAssetManifest(dir: string = ASSETS_DIR): AssetManifest {
  const files = new Map<string, string>();
  const byFile = new Map<string, string>();
  const revision = createHash('sha256');
  for (const file of readdirSync(dir).sort()) {
    const content = readFileSync(path.join(dir, file));
    const hash = createHash('sha256').update(content).digest('hex').slice(0, 10);
    const extension = path.extname(file);
    const fingerprinted = `${path.basename(file, extension)}.${hash}${extension}`;
    files.set(fingerprinted, file);
    byFile.set(file, `/assets/${fingerprinted}`);
    revision.update(`${file}:${hash};`);
  }
  const urlOf = (file: string) => {
    const url = byFile.get(file);
    if (!url) throw new Error(`public/assets/${file} is missing`);
    return url;
  };
  const urls = Object.fromEntries(
    Object.entries(LINKED).map(([name, file]) => [name, urlOf(file)]),
  ) as unknown as AssetUrls;
  return { urls, fileOf: (name) => files.get(name), revision: revision.digest('hex').slice(0, 16) };
}
