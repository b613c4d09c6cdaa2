// The light 3D view of the workbench panel: an anywidget front end (see workbench/ui/light.py).
// One material kind (MeshLambertMaterial, flat shading), edges as LineSegments, OrbitControls,
// no antialias, no animation loop: a frame is drawn only when parts change or the camera moves.
// Parts arrive as custom messages with binary buffers; a changed part's BufferAttributes are
// written into its existing geometry, and the camera is fitted only at the first parts.
import * as THREE from "three";
import { OrbitControls } from "three/examples/jsm/controls/OrbitControls.js";

const DTYPES = { float32: Float32Array, uint32: Uint32Array };

function typed(buffers, spec) {
  // spec: [index of the buffer, dtype]; anywidget hands DataView or ArrayBuffer objects
  const b = buffers[spec[0]];
  const buf = b.buffer ? b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) : b;
  return new DTYPES[spec[1]](buf);
}

function setAttr(geom, name, array, size) {
  const old = geom.getAttribute(name);
  if (old && old.array.length === array.length) {
    old.array.set(array);          // in place: same buffer on the GPU, new contents
    old.needsUpdate = true;
  } else {
    geom.setAttribute(name, new THREE.BufferAttribute(array, size));
  }
}

function setIndex(geom, array) {
  const old = geom.getIndex();
  if (old && old.array.length === array.length) {
    old.array.set(array);
    old.needsUpdate = true;
  } else {
    geom.setIndex(new THREE.BufferAttribute(array, 1));
  }
}

function render({ model, el }) {
  const width = model.get("width");
  const height = model.get("height");
  const wrap = document.createElement("div");
  wrap.className = "wb-light-view";
  wrap.style.width = `${width}px`;
  wrap.style.height = `${height}px`;
  el.appendChild(wrap);

  const renderer = new THREE.WebGLRenderer({ antialias: false, preserveDrawingBuffer: false });
  renderer.setPixelRatio(1);
  renderer.setSize(width, height);
  renderer.setClearColor(0xffffff, 1);
  wrap.appendChild(renderer.domElement);

  const scene = new THREE.Scene();
  scene.add(new THREE.AmbientLight(0xffffff, 0.6));
  const camera = new THREE.OrthographicCamera(-1, 1, 1, -1, 0.1, 1e6);
  camera.up.set(0, 0, 1);
  // a key light from above and in front (a point light without fall-off, placed when the camera
  // is fitted: its angle changes across a face, so faces are gently graded), a weak fill from
  // behind: the faces of a box differ in shade
  const sun = new THREE.PointLight(0xffffff, 2.0, 0, 0);
  sun.position.set(2, -3, 5);
  scene.add(sun);
  const fill = new THREE.DirectionalLight(0xffffff, 0.6);
  fill.position.set(-3, 2, -1);
  scene.add(fill);
  const controls = new OrbitControls(camera, renderer.domElement);
  const edgeMaterial = new THREE.LineBasicMaterial({ color: 0x505050 });
  const parts = new Map();    // id -> { mesh, edges }
  let fitted = false;
  let pending = false;
  let frames = 0;

  function draw() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      renderer.render(scene, camera);
      frames += 1;
      wrap.dataset.frames = String(frames);
      wrap.dataset.drawn = String(performance.now());
    });
  }
  controls.addEventListener("change", draw);

  function fit() {
    const box = new THREE.Box3();
    for (const p of parts.values()) box.expandByObject(p.mesh);
    if (box.isEmpty()) return;
    const centre = box.getCenter(new THREE.Vector3());
    const size = box.getSize(new THREE.Vector3()).length();
    const aspect = width / height;
    const half = size * 0.6;
    camera.left = -half * aspect; camera.right = half * aspect;
    camera.top = half; camera.bottom = -half;
    camera.near = size * 0.01; camera.far = size * 100;
    camera.position.copy(centre).add(new THREE.Vector3(1, -1.2, 0.9).normalize().multiplyScalar(size * 2));
    sun.position.copy(centre).add(new THREE.Vector3(0.8, -1.2, 2).multiplyScalar(size));
    camera.zoom = 1;
    camera.updateProjectionMatrix();
    controls.target.copy(centre);
    controls.update();
    fitted = true;
  }

  function apply(msg, buffers) {
    if (msg.type !== "parts") return;
    for (const id of msg.remove || []) {
      const p = parts.get(id);
      if (!p) continue;
      scene.remove(p.mesh); scene.remove(p.edges);
      p.mesh.geometry.dispose(); p.edges.geometry.dispose(); p.mesh.material.dispose();
      parts.delete(id);
    }
    for (const part of msg.parts) {
      let p = parts.get(part.id);
      if (!p) {
        const material = new THREE.MeshLambertMaterial({
          color: part.color, flatShading: true,
          polygonOffset: true, polygonOffsetFactor: 1, polygonOffsetUnits: 1,
        });
        p = { mesh: new THREE.Mesh(new THREE.BufferGeometry(), material),
              edges: new THREE.LineSegments(new THREE.BufferGeometry(), edgeMaterial) };
        p.mesh.name = part.id;
        scene.add(p.mesh); scene.add(p.edges);
        parts.set(part.id, p);
      } else {
        p.mesh.material.color.set(part.color);
      }
      const g = p.mesh.geometry;
      setAttr(g, "position", typed(buffers, part.vertices), 3);
      setAttr(g, "normal", typed(buffers, part.normals), 3);
      setIndex(g, typed(buffers, part.triangles));
      g.computeBoundingSphere();
      setAttr(p.edges.geometry, "position", typed(buffers, part.edges), 3);
      p.edges.geometry.computeBoundingSphere();
    }
    if (!fitted) fit();
    wrap.dataset.updates = String(Number(wrap.dataset.updates || 0) + 1);
    draw();
  }

  // the camera, for tests and the benchmark: read it, or turn it about the target
  wrap.wbCamera = () => ({ position: camera.position.toArray(), zoom: camera.zoom,
                           target: controls.target.toArray() });
  wrap.wbRotate = (radians) => {
    const offset = camera.position.clone().sub(controls.target);
    offset.applyAxisAngle(new THREE.Vector3(0, 0, 1), radians);
    camera.position.copy(controls.target).add(offset);
    camera.lookAt(controls.target);
    controls.update();
    draw();
  };

  const onMsg = (msg, buffers) => apply(msg, buffers || []);
  model.on("msg:custom", onMsg);
  model.send({ type: "ready" });   // the kernel answers with every part (a re-rendered view)
  return () => {
    model.off("msg:custom", onMsg);
    controls.dispose();
    for (const p of parts.values()) { p.mesh.geometry.dispose(); p.edges.geometry.dispose(); }
    renderer.dispose();
  };
}

export default { render };
