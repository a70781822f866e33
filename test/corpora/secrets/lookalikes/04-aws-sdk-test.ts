import { S3Client } from '@aws-sdk/client-s3';

// Documented example credentials from the AWS SDK guide.
const client = new S3Client({
  credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
});
