/**
 * Storage links in any text that is not a build configuration — a file a package ships — found with
 * the same URL patterns, custom domains, classification and redaction as build links, so the
 * artifact gate knows every form the build-link scanner knows.
 */
import type { StorageLink } from '@posture/model';
import { classify } from './classify.js';
import { outermost } from './extract/links.js';
import { findUrlRefs, type CustomDomain } from './find-refs.js';
import { redactUrl } from '@posture/model';

/** A link without the build-file facts (file type, field, release step); offsets into the text. */
export interface TextLink extends Omit<
  StorageLink,
  'range' | 'fileType' | 'field' | 'sourceMap' | 'releaseStep'
> {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

export function findTextLinks(
  text: string,
  customDomains: readonly CustomDomain[] = [],
): TextLink[] {
  // A placeholder (`examplebucket` of AWS's documentation) names no bucket: no link of the text.
  // A URL in a `$(…)` of another is a link of its own, as in a build file.
  const refs = outermost(findUrlRefs(text, customDomains), text).filter((ref) => !ref.placeholder);
  return refs.map((ref) => {
    const { usage, service } = classify(ref, {}, undefined);
    return {
      start: ref.start,
      end: ref.end,
      url: redactUrl(ref.text),
      service,
      form: ref.form,
      ...(ref.bucket !== undefined && { bucket: ref.bucket }),
      ...(ref.r2DevId !== undefined && { r2DevId: ref.r2DevId }),
      ...(ref.host !== undefined && { host: ref.host }),
      usage,
    };
  });
}
