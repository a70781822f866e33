# Example environment for local development
export STRIPE_SECRET_KEY="sk_test_..."
export HF_TOKEN="hf_..."
export OPENAI_API_KEY="sk-..."
