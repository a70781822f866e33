# syntax=docker/dockerfile:1.7
# escape=`
FROM node:20-alpine
RUN echo hi
