// Nothing to do in the main step: the check is in post.mjs.
console.log(`after the post steps: checking that ${process.env.INPUT_REGISTRY} is gone from the Docker config`)
