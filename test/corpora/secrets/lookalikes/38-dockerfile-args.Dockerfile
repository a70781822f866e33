FROM node:20-alpine
ARG NPM_TOKEN
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
ENV API_KEY_FILE=/run/secrets/api_key
