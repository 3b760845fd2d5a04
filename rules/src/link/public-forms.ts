import type { LinkForm, StorageLink } from '@posture/model';

interface PublicForm {
  /** What the link is: `a public r2.dev URL`. */
  readonly name: string;
  /** What it points at, when no Terraform bucket says more: `a public r2.dev bucket`. */
  readonly bucket: string;
  /** Why that makes the bucket readable by anyone, completing "`<url>` …". */
  readonly why: string;
}

/**
 * URL forms that work only while the bucket is public, whoever owns it and whether or not the
 * scanned Terraform declares it.
 */
const PUBLIC_FORMS: Partial<Record<LinkForm, PublicForm>> = {
  'r2-dev': {
    name: 'a public r2.dev URL',
    bucket: 'a public r2.dev bucket',
    why: "works only while the bucket's r2.dev URL is enabled, so the bucket is readable by anyone",
  },
  's3-website': {
    name: 'an S3 website endpoint',
    bucket: 'a bucket served as a public S3 website',
    why: 'is served by S3 static website hosting, which serves only objects anyone can read',
  },
};

/** Whether the link's form alone shows that the bucket is public, and how to say so. */
export function publicForm(link: StorageLink): PublicForm | undefined {
  return PUBLIC_FORMS[link.form];
}
