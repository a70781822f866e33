INSERT INTO tenants (id, name, api_client_id) VALUES
  ('3f2504e0-4f89-11d3-9a0c-0305e82c3301', 'acme', 'b7e2c6a4-1d3f-4e5a-9b8c-7d6e5f4a3b2c'),
  ('9c5b94b1-35ad-49bb-b118-8e8fc24abf80', 'globex', '6fa459ea-ee8a-3ca4-894e-db77e160355e');
