INSERT INTO users (email, password_hash) VALUES
  ('admin@acme.test', '$2b$12$KIXQ8mEwQ2xWqkJ7Y5uR8eQmT3Zr1vN6pL0sD4fG7hJ9kM2nB5cXa');
