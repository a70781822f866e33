# frozen_string_literal: true
# encoding: utf-8

puts 'hi'.frozen?
