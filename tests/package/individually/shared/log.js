exports.log = (m) => console.log(m);
