Gem::Specification.new do |s|
  s.name = "greeting"
  s.version = "1.0.0"
  s.summary = "a tiny local gem for Steward's samples"
  s.authors = ["Steward"]
  s.files = ["lib/greeting.rb"]
end
