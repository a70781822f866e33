/**
 * Secret-looking samples for the scanner tests, assembled from pieces at run time so this file
 * itself never holds a complete token that another scanner would report as a leak.
 */
const join = (...parts: string[]) => parts.join('');

export const SAMPLES = {
  awsKeyId: join('AK', 'IA', 'Z7Q2M4K9P1X3W8R5'),
  awsSecret: join('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYZq8Rt3Vw1X'),
  github: join('gh', 'p_', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'),
  githubOauth: join('gh', 'o_', 'Z9y8X7w6V5u4T3s2R1q0P9o8N7m6L5k4J3i2'),
  githubPat: join('github', '_pat_', '11AB2CD3EF4GH5IJ6KL7MN', '_', 'x9Y8z7W6v5'.repeat(6)),
  gitlab: join('gl', 'pat-', 'Zx9Yw8Vu7Ts6Rq5Po4Nm'),
  slack: join('xo', 'xb-', '1234567890', '-', '0987654321', '-', 'AbCdEfGhIjKlMnOpQrStUvWx'),
  slackWebhook: join('https://hooks.', 'slack.com/services/', 'T0ABC1234', '/', 'B0DEF5678', '/', 'aBcDeFgHiJkLmNoPqRsTuVwX'),
  stripeLive: join('sk', '_live_', '4eC39HqLyjWDarjtT1zdp7dc'),
  stripeRestricted: join('rk', '_live_', '9fD28GpKxiVCzqisS0ycO6cb'),
  stripeTest: join('sk', '_test_', '7aB41JrMzkXEbskuU2aeq8ed'),
  google: join('AI', 'za', 'SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q'),
  privateKeyBody: join('MIIEowIBAAKCAQEA7b1xQ9vR2mZ', 'k8LpT3wYc6HfJ0sNdG4uE5aB9oXqW1'),
  jwt: join('ey', 'JhbGciOiJIUzI1NiJ9', '.', 'ey', 'JzdWIiOiIxMjM0NTY3ODkwIn0', '.', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'),
  urlPassword: join('Xk9pQ2', 'mZ7vR4'),
  generic: join('q8Zr2Lw7', 'Xn4Vb1Km9Tp3'),
};

export const privateKeyBlock = (kind = 'RSA PRIVATE KEY', newline = '\n') =>
  join('-----BEGIN ', kind, '-----', newline, SAMPLES.privateKeyBody, newline, 'AbCdEf', newline, '-----END ', kind, '-----');
