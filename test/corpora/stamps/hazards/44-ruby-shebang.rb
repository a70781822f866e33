#!/usr/bin/env ruby
# encoding: ascii-8bit
puts __ENCODING__
