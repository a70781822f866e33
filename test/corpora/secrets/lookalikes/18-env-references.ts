export const config = {
  stripeKey: process.env.STRIPE_SECRET_KEY!,
  password: process.env.DB_PASSWORD ?? '',
  token: import.meta.env.VITE_API_TOKEN,
};
