export interface Credentials {
  username: string;
  password: string;
  apiKey?: string | undefined;
  token: Readonly<Token>;
}
